"""Step 6 of the pipeline: plan the jobs, run them, write the files, report."""

from leaflet.build.plan import Job, plan_jobs
from leaflet.build.run import BuildReport, build

__all__ = ["BuildReport", "Job", "build", "plan_jobs"]
