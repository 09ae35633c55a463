from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are created by accepting an organization invitation, not by open sign-up.
        return bool(request.session.get("xmhub_invitation_id"))
