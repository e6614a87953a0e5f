-- Schema version 10: one stored form for Message-IDs, `<left@right>` with its
-- angle brackets, as the outbox and sent messages already keep them. Received
-- mail kept them bare; its In-Reply-To / References lists too.
UPDATE mail_in SET message_id = '<' || message_id || '>' WHERE message_id NOT LIKE '<%>';
UPDATE mail_in
   SET in_reply_to = (SELECT json_group_array(CASE WHEN value LIKE '<%>' THEN value ELSE '<' || value || '>' END)
                        FROM json_each(mail_in.in_reply_to))
 WHERE json_valid(in_reply_to) AND json_array_length(in_reply_to) > 0;
UPDATE mail_in
   SET refs = (SELECT json_group_array(CASE WHEN value LIKE '<%>' THEN value ELSE '<' || value || '>' END)
                 FROM json_each(mail_in.refs))
 WHERE json_valid(refs) AND json_array_length(refs) > 0;
UPDATE messages SET message_id = '<' || message_id || '>' WHERE message_id <> '' AND message_id NOT LIKE '<%>';
UPDATE outbox SET message_id = '<' || message_id || '>' WHERE message_id NOT LIKE '<%>';
