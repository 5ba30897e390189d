"""Bulk import of case studies from CSV or JSON (see ``manage.py import_case_studies --help``).

``reading``: the file into rows (``read_rows``); ``validation``: each row checked and cleaned
(``validate_row``); ``writing``: all rows written in one transaction (``case_studies_import``).

Every row is validated first. If any row is rejected nothing is written; otherwise all
rows are created or updated in one transaction, so an import never stops half-way.

Schema (CSV header names = JSON keys):

=====================  ========  ==========================================================
field                  required  format
=====================  ========  ==========================================================
title                  yes       text, at most 255 characters
summary                yes       plain text, at most 600 characters
slug                   no        identifies the case study to update; default: from title
                                 (its script kept, vowel signs included; "case-study" if
                                 nothing is left). A slug made from the title updates only
                                 a case study with that same title; another title giving
                                 the same slug rejects the row. A slug another sibling page
                                 (a finding) uses gets "-2", "-3"…
problem, what_was_done,
implementation, results,
lessons, transferability no      Markdown, or HTML with body_format: html
year_launched          no        integer 1947–2100
publication_date       no        YYYY-MM-DD (default: today)
stage                  no        innovation stage slug: idea, pilot, implementation, scaled,
                                 evaluated
government_level       no        national, provincial-state, district-local
countries              yes       ISO 3166 codes; CSV: separated by ";"; JSON: a list
places                 no        gazetteer place codes (manage.py load_places): provinces
                                 and divisions by ISO 3166-2 code (PK-PB, BD-D), districts
                                 and below by the shipped lists' codes (PK-PB-LAHORE, BD-27);
                                 ";" or a list. A district counts for its province too.
themes                 no        theme slugs (e.g. service-delivery); ";" or a list
sdgs                   no        SDG numbers 1–17; ";" or a list
implementing_partners  no        partner page slugs; ";" or a list
contributing_partners  no        partner page slugs; ";" or a list
original_language      no        en, ur, hi, bn, ne, si, ta, prs, ps, dv, dz, pa, other
licence                no        CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-NC-SA-4.0,
                                 CC0-1.0, all-rights-reserved or not-specified. A new case
                                 study without one is "not-specified": an import carries
                                 documents whose authors chose no licence on this site. An
                                 update without one keeps the licence it has.
sources                no        CSV: one per line "Title | https://url"; JSON: a list of
                                 {"title", "url", "authors", "publisher", "year"}
publish                no        true/false (default true); false keeps it a draft
body_format            no        markdown (default) or html: how the six text fields are
                                 written. HTML is cleaned once, here, to the site's
                                 allow-list and stored as that HTML (Markdown passes HTML
                                 blocks through unchanged), so views never see the original.
=====================  ========  ==========================================================

Header names and JSON keys are matched ignoring case and surrounding spaces; an unknown one
rejects the record (with the closest known name), so misspelt columns never drop text
silently. Text must be text: a number, list or object where text is expected, or a control
character other than tab, newline and carriage return, rejects the record.
"""
