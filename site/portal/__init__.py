"""The platform's wiring: settings, URL map, ASGI/WSGI entry points, home page, base layout."""
