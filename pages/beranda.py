"""Beranda: a partner's operator sees what is due and what came back; a verifier sees what
waits for a decision; an admin also sees how the reminders by e-mail go."""

from core.accounts.roles import Role
from ui.accounts import auth
from ui.frame import reads, widgets
from ui.frame.data import read
from ui.frame.state import current
from ui.mail import mail_view
from ui.reporting import home_view

f = current(__file__)
widgets.demo_banner()
me = auth.account()
if me and me["role"] == Role.MITRA:
    partners = read(reads.partners.list_partners)
    names = dict(zip(partners["partner_id"], partners["name"], strict=True))
    home_view.partner_home(me["partner_id"], names.get(me["partner_id"], ""), f)
else:
    home_view.verifier_home(f)
home_view.notifications(f)
if me and me["role"] == Role.ADMIN:
    mail_view.mail_status(f)
