"""Eigen zaaklog: a Doorbraakteam member measures a pseudonymised case log against the chain.

The log passes the privacy guard of the case-log loader first (``loaders.cases.events.load_events``, through
``queries.cases.stats.analyse_log``): a log with direct identifiers is refused, naming the column and never a
value. The upload lives only in a private temporary folder while it is measured and is removed right after;
only the suppressed figures (counts under the threshold as ``<5``) are shown, and they are kept for the
Knelpunten and Waarom pages of this session only when the user asks.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from graph.errors import ChainError
from graph.settings import Settings
from queries.bottlenecks import Severity
from queries.cases.evidence import PracticeEvidence
from queries.knelpunten import knelpunten
from ui.i18n import value_name
from ui.state import SAMPLE_MAPPING, chain, lang, name_of, show_error, t

current = chain()
model = current.model
language = lang()
en = language == "en"

st.title(t("nav.own_log"))
st.caption(t("log.intro"))

# A new uploader key after every measurement drops the uploaded bytes from the session.
n = st.session_state.setdefault("log_upload_n", 0)
log_file = st.file_uploader(t("log.file"), type=["csv", "parquet"], key=f"log_file_{n}")
mapping_file = st.file_uploader(t("log.mapping"), type=["yaml", "yml"], key=f"log_mapping_{n}",
                                help=t("log.mapping_help"))
keep = st.checkbox(t("log.keep"), key="log_keep", help=t("log.keep_help"))
if st.session_state.get("own_log_report") is not None:
    st.caption(t("log.kept"))
    if st.button(t("log.forget"), key="log_forget"):
        st.session_state.pop("own_log_report", None)
        st.rerun()

if not st.button(t("log.run"), type="primary", key="log_run", disabled=log_file is None):
    st.stop()
assert log_file is not None
threshold = Settings.from_env().suppression_threshold
suffix = ".parquet" if log_file.name.lower().endswith(".parquet") else ".csv"
try:
    with tempfile.TemporaryDirectory(prefix="ketenkaart-log-") as folder:  # private (0700), removed on exit
        log_path = Path(folder) / f"log{suffix}"
        log_path.write_bytes(log_file.getvalue())
        mapping_path = SAMPLE_MAPPING
        if mapping_file is not None:
            mapping_path = Path(folder) / "mapping.yaml"
            mapping_path.write_bytes(mapping_file.getvalue())
        from queries.cases.stats import analyse_log

        report = analyse_log(log_path, mapping_path=mapping_path, model=model, threshold=threshold,
                             memory_limit="512MB")
except ChainError as exc:  # the privacy guard's refusal names columns and counts, never a value
    show_error(exc)
    st.session_state["log_upload_n"] = n + 1
    st.stop()
finally:
    st.session_state["log_upload_n"] = n + 1

if keep:
    st.session_state["own_log_report"] = report
else:
    st.session_state.pop("own_log_report", None)

st.success(t("log.done", cases=report.cases.label, events=report.events.label, threshold=report.threshold,
             first=report.first_day or "–", last=report.last_day or "–"))
if report.synthetic:
    st.warning(t("log.synthetic"))

provider = PracticeEvidence(report)
rows = []
for h in report.handoffs:
    figures = {label_en: value for _, label_en, value in provider.evidence_for(h.handoff_id)[0].figures}
    ho = model.index.get(h.handoff_id)
    rows.append({
        t("routes.handoff"): name_of(ho, language) if ho is not None else h.label,
        t("log.cases"): figures["cases"],
        t("log.median"): figures["median wait"],
        t("log.p90"): figures["p90 wait"],
        t("detail.norm"): figures["norm"],
        t("log.over_norm"): figures["over the norm"],
    })
if rows:
    st.dataframe(rows, hide_index=True, width="stretch")
else:
    st.info(t("log.no_handoffs"))

ranking = knelpunten(model, evidence=[provider])
confirmed = [r for r in ranking.rows if any(x.code == "case-log" and x.confirms for x in r.reasons)]
st.subheader(t("log.confirmed"))
if confirmed:
    st.markdown("\n".join(
        f"- **{value_name(r.severity.value, language)}** — {name_of(model.index[r.element], language)}: "
        f"{r.explanation_en if en else r.explanation_nl}" for r in confirmed))
else:
    st.markdown(t("log.none_confirmed", hoog=value_name(Severity.HOOG.value, language)))
