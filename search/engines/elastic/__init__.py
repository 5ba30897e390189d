"""The Elasticsearch engine, built with elasticsearch-dsl against an 8.x cluster.

- ``engine``: ``ElasticsearchEngine``, the reads (search, facet counts, autocomplete, spelling);
  ``writes``: the index, its alias, bulk indexing and rebuilds, mixed in.
- ``mapping``: the index mapping, the English analysis the cluster offers, and the analysed text a
  page's document puts into the index.
- ``errors``: ``SearchUnavailable``, raised when the cluster cannot answer.
"""
