"""Non-page views of the labs app: membership management and private project spaces."""
