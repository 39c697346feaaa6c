#!/usr/bin/env bash
# Grade a course's submissions on a Slurm cluster: one array task per shard, then one merge job.
#
#   sbatch --array=1-8 docs/classroom/slurm-grade.sh exercises/sample.assignment.yaml submissions/ roster.csv grades/
#   sbatch --dependency=afterok:<array job id> --wrap "npx workbook grade --merge grades/shard-* --out grades/final"
#
# Each task grades a deterministic slice (--shard i/n), on every core Slurm gives it; the merge
# gives the same gradebook, byte for byte, as one run on one machine. The course secret comes from the
# environment variable the assignment names (export it in the job's environment, never in this file).
#SBATCH --job-name=workbook-grade
#SBATCH --cpus-per-task=4
#SBATCH --time=00:30:00
set -euo pipefail
assignment=${1:?the assignment file}
submissions=${2:?the submissions folder}
roster=${3:?the roster CSV}
out=${4:?the output folder}
task=${SLURM_ARRAY_TASK_ID:?run as a Slurm array job (sbatch --array=1-N)}
count=${SLURM_ARRAY_TASK_COUNT:?run as a Slurm array job (sbatch --array=1-N)}
npx workbook grade "$assignment" "$submissions" --roster "$roster" --shard "$task/$count" --jobs "${SLURM_CPUS_PER_TASK:-0}" --out "$out/shard-$task"
