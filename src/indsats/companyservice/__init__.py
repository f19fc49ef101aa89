"""Company service (virksomhedsservice) as plain Python: no Django here.

- `identifiers`: CVR (modulus 11) and P-number validation
- `db07`: Dansk Branchekode 2007 codes and the 10-group standard grouping
- `barometer`: the job barometer (demand signals per industry, high/medium/low)
- `matching`: explainable candidate scoring for a vacancy, and vacancies for a citizen
- `measures`: service measures for the monthly report

See docs/companies.md for the methods and their sources.
"""
