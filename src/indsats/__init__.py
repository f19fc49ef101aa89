"""indsats: an open system for Danish municipal jobcenters."""
