"""Returns: readers for record-level submissions, each producing canonical Arrow tables.

A reader parses and validates; it never stores. Blocking problems raise ``ReturnError``
naming the file, line, column, value, rule and fix; data-quality findings are returned
beside the tables so the warehouse can keep them with the batch.
"""
