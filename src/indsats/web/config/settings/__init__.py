"""Settings in the cookiecutter-django split: base, local (default), production, test.

Everything that differs between machines comes from the environment: DATABASE_URL, SECRET_KEY,
DEBUG, ALLOWED_HOSTS, INDSATS_VAR_DIR.
"""
