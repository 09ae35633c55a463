"""Demo data: two organizations with realistic directories, and a login per role (``manage.py seed_demo``).

``specs`` describes the organizations, ``generators`` turns a spec into org units and people
(deterministic: same input, same rows), ``logins`` holds the demo logins that ``make run`` prints.
The benchmark (``bench/``) reuses the generators for its 100k-person directory.
"""
