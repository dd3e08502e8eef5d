#!/bin/sh
# Interleaved comparison: our HGS (10 s) then PyVRP (10 s) per instance, same machine, same load.
D=/work/shared/data/cvrp
for f in $(ls $D/*.vrp | sort -t n -k2 -n); do
  name=$(basename $f .vrp)
  n=$(echo $name | sed 's/X-n\([0-9]*\)-.*/\1/')
  ours=$(${ROUTING_BENCH:-/tmp/routing-dev/.build/release/routing-bench} 10 100 "$name" | grep "^$name")
  py=$(python3 "$(dirname "$0")/pyvrp_compare.py" $D 10 "$name.vrp" | grep "^$name")
  echo "OURS $ours"
  echo "PYVRP $py"
done
