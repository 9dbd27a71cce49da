"""Beranda: a partner's operator sees what is due and what came back; a verifier sees what
waits for a decision; an admin also sees how the reminders by e-mail go."""

from core.roles import Role
from ui import auth, home_view, mail_view, reads, widgets
from ui.data import read
from ui.state import current

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
