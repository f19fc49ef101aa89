"""Real public figures in: Statistics Denmark's Statbank and STAR's Jobindsats (no Django).

- `statbank`: the client for Statistics Denmark's public API (api.statbank.dk, no key):
  AUK01, AUP02, FOLK1A, the benchmark's covariates and any other table, by table, variables,
  municipalities and periods.
- `jobindsats`: the client for STAR's Jobindsats API v2 (a personal key from the environment,
  `JOBINDSATS_API_TOKEN`).
- `cache`: every fetched table is kept as Parquet with its provenance (source, table, query,
  time fetched, licence, attribution); without network the cached copy and its date are used.
- `rammevilkaar`: the public covariates shipped with the project (age structure, education,
  origin, commuting) for the benchmark on real figures, and a fetched year of each in their place.
- `offentlige_tal`: the shipped real benefit series (DST AUK01) as aggregate tables.

See docs/publicdata.md.
"""
