# Runs Elasticsearch for one test JVM and stops it when that JVM goes away.
# Started by ElasticsearchNode as: bash -c <this> pmtuwatch-es-watchdog <launcher> <run directory>
#
# Standard input is a pipe from the test JVM. `read` sees end of file when the JVM closes it (a normal
# stop) and also when the JVM dies in any way, kill -9 included, because the kernel closes the JVM's
# end then. So no Elasticsearch outlives its test run, even when no shutdown hook ran.
set -u
launcher=$1
run=$2
echo $$ >"$run/watchdog.pid"

# The launcher (a small JVM) starts the server JVM and stops it on SIGTERM; if the launcher dies, the
# server stops too. -p: the server writes its own pid, for the clean-up of a later run.
"$launcher" -p "$run/elasticsearch.pid" >>"$run/console.log" 2>&1 </dev/null &
es=$!
echo "$es" >"$run/launcher.pid"

stopping=
trap 'stopping=1' TERM INT HUP
while [ -z "$stopping" ] && kill -0 "$es" 2>/dev/null; do
    read -r -t 1 _
    status=$?
    # 0: a line (stop requested); 1: end of file (JVM gone); >128: one second passed, look again.
    if [ "$status" -le 128 ]; then
        break
    fi
done
kill -TERM "$es" 2>/dev/null
wait "$es"
