-- Schema version 17: a mail account may sign in with OAuth2 (XOAUTH2)
-- instead of a password. The provider's endpoints, scopes and the public
-- client id, as JSON; NULL for password accounts. The tokens themselves are
-- only ever in the OS keyring.

ALTER TABLE mail_accounts ADD COLUMN oauth TEXT;
