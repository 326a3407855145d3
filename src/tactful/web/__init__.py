"""The local web page (``tactful serve``): see ``tactful.web.app``."""
