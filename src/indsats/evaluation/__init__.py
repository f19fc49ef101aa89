"""Effect evaluation: what an indsats achieved, against what would have happened anyway.

Plain Python (never imports Django). History features and outcomes are Ibis expressions, so the
same code runs on DuckDB and PySpark; matching and estimates run on the driver (NumPy,
scikit-learn) on the candidates of the participants' start weeks. See docs/evaluation.md.

Public API:
    Deltager, Design, EvalueringsFejl                         (model)
    read_participants, participants_from_target_group          (deltagere)
    evaluate -> Effektvurdering                                (run)
    sammenfatning -> Sammenfatning: figures and Danish text    (tekst, for committee papers)
    realiseret_effekt: the business case's realised effect     (oekonomi)
    mde_fra_register, minimum_detectable_effect                (mde, before a project starts)
"""

from indsats.evaluation.deltagere import participants_from_target_group, read_participants
from indsats.evaluation.mde import MindsteEffekt, mde_fra_register, minimum_detectable_effect
from indsats.evaluation.model import Deltager, Design, EvalueringsFejl
from indsats.evaluation.oekonomi import realiseret_effekt
from indsats.evaluation.run import Effektvurdering, evaluate
from indsats.evaluation.tekst import Sammenfatning, sammenfatning

__all__ = [
    "Deltager",
    "Design",
    "Effektvurdering",
    "EvalueringsFejl",
    "MindsteEffekt",
    "Sammenfatning",
    "evaluate",
    "mde_fra_register",
    "minimum_detectable_effect",
    "participants_from_target_group",
    "read_participants",
    "realiseret_effekt",
    "sammenfatning",
]
