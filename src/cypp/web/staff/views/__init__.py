"""The staff workspace's pages, one module per part of the work."""
