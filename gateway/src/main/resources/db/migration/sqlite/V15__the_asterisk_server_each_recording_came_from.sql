-- Issue #17 item 3: several Asterisk servers. The name of the server (ami.servers[].name) whose call a recording holds;
-- NULL for recordings from before, which came from the gateway's first (then only) server. AMI events are matched to
-- recordings by server and uniqueid, since two servers' uniqueids may be equal.
ALTER TABLE recordings ADD COLUMN asterisk_server TEXT;
