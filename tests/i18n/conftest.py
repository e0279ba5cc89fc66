"""The notifications tests' fixtures, shared: the app's runtime and the loopback push service (which
checks VAPID and decrypts every push)."""

from tests.notifications.conftest import push_service, runtime

__all__ = ["push_service", "runtime"]
