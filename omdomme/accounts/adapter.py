from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: accounts come from invitations or from course staff."""

    def is_open_for_signup(self, request) -> bool:
        return False
