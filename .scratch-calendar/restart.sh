#!/bin/bash
# restart the scratch server started by this helper (by its recorded pid only)
cd /work/main
if [ -f /tmp/calsrv.pid ]; then kill $(cat /tmp/calsrv.pid) 2>/dev/null; sleep 2; fi
node_modules/.bin/node .scratch-calendar/server.ts > /tmp/calsrv.out 2>&1 &
echo $! > /tmp/calsrv.pid
for i in $(seq 1 60); do grep -q url /tmp/calsrv.out && break; sleep 1; done
cat /tmp/calsrv.out
