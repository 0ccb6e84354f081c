"""cypp: a Children and Young People\x27s Plan as data."""
