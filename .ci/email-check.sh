#!/usr/bin/env bash
# The board email end to end, against a real SMTP server (aiosmtpd) on 127.0.0.1:
#  1. `kpidash email SampleData --out FILE --smtp ...` must deliver exactly the bytes it wrote to
#     FILE (SMTP adds nothing but dot-stuffing, which the server undoes), to every recipient;
#  2. a server that refuses the recipients must make kpidash exit 3.
# Only loopback addresses; every wait is bounded; the servers are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check aiosmtpd

work=$(mktemp -d)
servers=()
cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Saves each message as received (envelope.original_content: after dot-unstuffing, before
# aiosmtpd adds any header) with its envelope; or, in "refuse" mode, refuses every recipient.
cat > "$work/server.py" <<'PY'
import pathlib, socket, sys, threading
from aiosmtpd.controller import Controller

mode, folder = sys.argv[1], pathlib.Path(sys.argv[2])

class Handler:
    received = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if mode == "refuse":
            return "550 5.7.1 refused by the test server"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        Handler.received += 1
        name = folder / f"message-{Handler.received}"
        name.with_suffix(".envelope").write_text("\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        name.with_suffix(".eml").write_bytes(envelope.original_content)
        return "250 OK"

with socket.socket() as probe:  # a free port on loopback
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
(folder / "port").write_text(str(port))
threading.Event().wait()
PY

# Starts a server in MODE with its own folder; sets $port.
start_server() {
    local mode=$1 folder=$work/$1
    mkdir -p "$folder"
    python3 "$work/server.py" "$mode" "$folder" &
    servers+=("$!")
    for _ in $(seq 150); do
        [[ -s $folder/port ]] && { port=$(cat "$folder/port"); return; }
        sleep 0.2
    done
    echo "email-check: the $mode SMTP server did not start within 30 s" >&2
    exit 1
}

swift build --product kpidash 2>&1 | tail -n 1
kpidash="$(swift build --show-bin-path)/kpidash"
from="Performance Team <performance@example.org>"
to="chair@example.org, Zoë Smith <zoe@example.org>"
export SOURCE_DATE_EPOCH=1507014000

start_server accept
timeout 600 "$kpidash" email SampleData --out "$work/board.eml" --smtp "127.0.0.1:$port" --from "$from" --to "$to"
for _ in $(seq 50); do [[ -s $work/accept/message-1.eml ]] && break; sleep 0.2; done
cmp "$work/board.eml" "$work/accept/message-1.eml"
printf 'performance@example.org\nchair@example.org\nzoe@example.org\n' | diff - "$work/accept/message-1.envelope"
echo "email-check: delivered $(wc -c < "$work/board.eml") bytes by SMTP, identical to the .eml written"

start_server refuse
status=0
timeout 600 "$kpidash" email SampleData --smtp "127.0.0.1:$port" --from "$from" --to "$to" 2> "$work/refused.err" || status=$?
if [[ $status -ne 3 ]] || ! grep -q "refused RCPT TO:<chair@example.org>: 550 5.7.1 refused by the test server" "$work/refused.err"; then
    echo "email-check: a refusing server should make kpidash exit 3 (got $status)" >&2
    cat "$work/refused.err" >&2
    exit 1
fi
[[ ! -e $work/refuse/message-1.eml ]]
echo "email-check: a refusing server makes kpidash exit 3"
