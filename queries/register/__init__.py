"""Pure questions over the Doorbraakteam register (see docs/register.md)."""
