"""The demo municipality, built above the apps.

`logins` is the one home of the demo users and their password; `build` runs each app's demo step
in order (citizens, economics, companies, …). Apps never import this package: each app's own
`demo.py` creates its data and looks up the demo users it needs by username.
"""
