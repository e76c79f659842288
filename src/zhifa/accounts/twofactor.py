"""Two-factor login (双因素认证, docs/security.md): after the password, a user with a confirmed authenticator
app enters its 6-digit code (or one of their recovery codes); the three admin roles and 执法监督人员 must
have one, and are sent to enrolment right after the password until they do.

Devices are django-otp's: a TOTP device (the authenticator app) and a static device (10 one-time
recovery codes). Where a session stands is kept in the session itself (`STATE_KEY`), set at every login
(django's user_logged_in, so the admin's own login page is covered too) and read by the middleware without
a query; a session without it (opened before this existed, or a user given an admin role since) is worked
out from the roles."""

import base64
import secrets

import segno
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import reauth
from .choices import ADMIN_ROLES, RoleCode

# Roles that may not work without a second factor (等保2.0 三级: 双因素 for administrators; the supervisors
# read every agency of their region).
REQUIRED_ROLES = ADMIN_ROLES | {RoleCode.SUPERVISOR}

STATE_KEY = "zhifa_two_factor"
ENROL, VERIFY, DONE = "enrol", "verify", "done"
PENDING_KEY = "zhifa_two_factor_pending_key"  # the secret shown on the enrolment page, until confirmed

WRONG_CODE = "动态验证码不正确"
API_REASON = "您的角色须使用双因素认证：请先在网页上完成动态验证码验证（或绑定身份验证器）后再调用接口。"
RECOVERY_CODE_COUNT = 10


def is_required(user) -> bool:
    return bool(user.role_codes & REQUIRED_ROLES)


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def match(user, code: str) -> Device | None:
    """The device that accepts `code`: the authenticator app's current code, or an unused recovery code
    (used up by this). django-otp throttles each device after a wrong code (a growing wait)."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    devices: list[Device] = [*TOTPDevice.objects.filter(user=user, confirmed=True)]
    if not code.isdigit():
        devices = [*StaticDevice.objects.filter(user=user, confirmed=True)]
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def totp_verifies(device: TOTPDevice, code: str) -> bool:
    """Whether `code` is the current code of a device not yet saved (enrolment): no throttling to count."""
    code = "".join(code.split())
    if not code.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(code), device.tolerance):
        return False
    device.last_t = totp.t()  # this code is used: the login that follows needs the next one
    return True


def new_key() -> str:
    """A TOTP secret (hex, as TOTPDevice keeps it): 20 random bytes."""
    return secrets.token_hex(20)


def key_text(key: str) -> str:
    """The secret as an authenticator app takes it typed in (base32, no padding)."""
    return base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")


def qr_svg(user, key: str) -> str:
    """The otpauth:// address of `key` as an inline SVG QR code (no script, no image request)."""
    url = TOTPDevice(user=user, key=key).config_url
    return segno.make(url, error="m").svg_inline(scale=4, dark="#1f2937", omitsize=False)


# ---- the session ---------------------------------------------------------------------------------------


def state(request) -> str | None:
    """ENROL or VERIFY while the second step is owed, DONE after it, None when none is owed."""
    current = request.session.get(STATE_KEY)
    if current is None and is_required(request.user):
        current = VERIFY if has_device(request.user) else ENROL
        request.session[STATE_KEY] = current
    return current


def mark_verified(request, device: Device | None) -> None:
    """The second step is done: a new session key (nothing learnt before it is of use after), and the
    session counts as authenticated now (accounts.reauth)."""
    request.session.cycle_key()
    request.session[STATE_KEY] = DONE
    reauth.mark_authenticated(request)
    request.session.pop(PENDING_KEY, None)
    if device is not None:
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@receiver(user_logged_in)
def _owe_second_step(sender, request, user, **kwargs):
    """A new login owes the second step again (the session key is new: nothing carries over)."""
    if request is None or not hasattr(request, "session"):
        return
    if has_device(user):
        request.session[STATE_KEY] = VERIFY
    elif is_required(user):
        request.session[STATE_KEY] = ENROL
    else:
        request.session.pop(STATE_KEY, None)
        reauth.mark_authenticated(request)  # the password was the whole authentication


# Where a user who owes the second step may go: the step itself, leaving, and the public portal.
_ALLOWED_VIEWS = {
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "accounts:logout",
    "accounts:login",
}
_PUBLIC_PREFIXES = ("/gs/", "/static/")


class TwoFactorRequiredMiddleware:
    """Until the second step is done, every staff page redirects to it (enrolment or the code) and a
    session-authenticated API call answers 403 with the reason. A personal API token is a machine's
    credential and is not asked for a code (zhifa.api.TokenAuth; such a call carries no session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        current = state(request)
        if current not in (ENROL, VERIFY):
            return None
        if request.resolver_match.view_name in _ALLOWED_VIEWS or request.path.startswith(_PUBLIC_PREFIXES):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": API_REASON}, status=403)
        target = reverse("accounts:two_factor_enrol" if current == ENROL else "accounts:two_factor_verify")
        if request.method == "GET" and request.path != "/":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
