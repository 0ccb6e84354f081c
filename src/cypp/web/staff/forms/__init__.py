"""The staff workspace's forms: GOV.UK Frontend markup, messages that say what to fix."""
