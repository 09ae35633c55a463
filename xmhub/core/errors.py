"""One error family for business rules. Services raise it; the API answers 400 with a field map and
forms show it as field errors."""


class ApplicationError(Exception):
    def __init__(self, message: str, *, errors: dict | list | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.status = status
