"""The `indsats` command line: the front door for everything that is not a page."""
