"""Step 6 of the pipeline: plan the jobs, run what is out of date in worker processes, write, report.

plan.py         jobs: clinic × document × (location) × language × format
keys.py         each job's key: a hash of everything it reads
manifest.py     what leaflet wrote into an output folder, and from which inputs
incremental.py  which jobs to run and why; which old outputs are stale
pool.py         worker processes with a time and memory limit per job; worker.py runs inside them
run.py          the build: render, write atomically (output.py), record, prune (prune.py)
output.py       the only way into the output folder, untrusted input: no links followed, regular files only
progress.py     a bar, lines or silence; report.py the summary, --dry-run plan and --json report
report_file.py  where --json may write: never over an input or a file leaflet keeps
gallery.py      the output folder's index.html, with thumbnails (thumbnail.py)
"""

from leaflet.batch.incremental import BuildPlan, plan_build
from leaflet.batch.plan import Job, plan_jobs
from leaflet.batch.progress import progress_for
from leaflet.batch.report import BuildReport, format_plan
from leaflet.batch.run import BuildOptions, build, build_clinics, read_clinics, usable_cores

__all__ = [
    "BuildOptions",
    "BuildPlan",
    "BuildReport",
    "Job",
    "build",
    "build_clinics",
    "format_plan",
    "plan_build",
    "plan_jobs",
    "progress_for",
    "read_clinics",
    "usable_cores",
]
