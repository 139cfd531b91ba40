"""Mints a steward session token for a LOCAL elizaOS Cloud server (live tests of session-only routes).

The local server accepts a steward session JWT signed (HS256) with STEWARD_SESSION_SECRET from its .env.local;
the token's `sub` must equal some user's `steward_user_id`. Never use this against the real service.
Usage: STEWARD_SESSION_SECRET=... python3 eng/mint-steward-session.py [steward-user-id] > token
"""
import base64, hashlib, hmac, json, os, sys, time

secret = os.environ.get("STEWARD_SESSION_SECRET")
if not secret:
    sys.exit("Set STEWARD_SESSION_SECRET to the value in the local server's .env.local.")
subject = sys.argv[1] if len(sys.argv) > 1 else "steward-local-dev"
encode = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
compact = lambda value: json.dumps(value, separators=(",", ":")).encode()
now = int(time.time())
header = encode(compact({"alg": "HS256", "typ": "JWT"}))
payload = encode(compact({"sub": subject, "email": "dev@local.test", "iat": now, "exp": now + 2 * 86400}))
signature = encode(hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest())
print(f"{header}.{payload}.{signature}")
