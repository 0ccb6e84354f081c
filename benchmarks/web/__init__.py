"""The web app under load: the benchmark (issue 8.5) and the load while publishing (issue 9.6).

    .venv/bin/python -m benchmarks.web bench [--users 10,50,100] [--seconds 60] [--runs 3]
    .venv/bin/python scripts/load-while-publishing.py --minutes 5

Both serve a published synthetic county with ``cypp serve`` (gunicorn, production settings)
on loopback and drive it with locust (``locustfile.py``) in a process of its own.
"""
