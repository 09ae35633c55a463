from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are created only by accepting an organization invitation: the invitation link
        # (xmhub.accounts.views.invitation_accept) is the sign-up form, with the invited email fixed.
        # allauth's own sign-up page stays closed for everyone.
        return False
