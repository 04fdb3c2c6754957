#!/usr/bin/env python3
"""A hostile FastAGI peer: opens N connections and drips the request header one byte per interval
on each, never finishing it. Prints one JSON line: how many connected, how many the gateway closed,
and when (milliseconds after each connection was made)."""
import json, selectors, socket, sys, time

host, port, n, every, give_up = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
header = b"agi_network: yes\nagi_network_script: record\nagi_request: agi://127.0.0.1/record\nagi_channel: PJSIP/x\n"
sel = selectors.DefaultSelector()
conns = {}
failed = 0
for i in range(n):
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect_ex((host, port))
    except OSError:
        failed += 1
        continue
    conns[s] = {"start": time.monotonic(), "pos": 0, "closed": None}
    sel.register(s, selectors.EVENT_READ, s)
begin = time.monotonic()
next_drip = begin
closed_after = []
while conns and time.monotonic() - begin < give_up:
    now = time.monotonic()
    if now >= next_drip:
        for s, c in list(conns.items()):
            try:
                s.send(header[c["pos"] % len(header):c["pos"] % len(header) + 1])
                c["pos"] += 1
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                closed_after.append((time.monotonic() - c["start"]) * 1000)
                sel.unregister(s); s.close(); del conns[s]
        next_drip = now + every
    for key, _ in sel.select(timeout=max(0.0, min(0.1, next_drip - time.monotonic()))):
        s = key.data
        try:
            data = s.recv(4096)
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            data = b""
        if not data:
            closed_after.append((time.monotonic() - conns[s]["start"]) * 1000)
            sel.unregister(s); s.close(); del conns[s]
print(json.dumps({"connected": n - failed, "closed": len(closed_after), "stillOpen": len(conns),
                  "earliestClosedMs": int(min(closed_after)) if closed_after else -1,
                  "latestClosedMs": int(max(closed_after)) if closed_after else -1}))
for s in conns:
    s.close()
