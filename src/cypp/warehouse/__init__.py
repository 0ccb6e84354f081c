"""The warehouse: child-level data, pseudonymised, loaded in atomic batches with lineage."""
