"""The Django web application: thin apps over the plain-Python core."""
