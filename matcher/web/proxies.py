"""Believing the reverse proxies in front of the app, and only as many as the operator says.

Behind a proxy every request seems to come from the proxy, over plain http: throttling
would count one client, and HSTS would never be sent. With ``TRUSTED_PROXY_HOPS`` set,
Werkzeug's ProxyFix reads the client's address and scheme from that many proxies'
headers; with 0 nobody's headers are believed, so a client cannot pose as another.
"""

from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app) -> None:
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
