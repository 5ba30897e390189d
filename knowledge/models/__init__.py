"""Models of the knowledge base: case studies, findings and policy briefs."""

from .case_studies import CASE_STUDY_SECTIONS, CaseStudyAttachment, CaseStudyPage
from .findings import FindingAuthor, FindingPage
from .moderation import SubmissionReviewTask
from .pages import KnowledgeIndexPage, OriginalLanguage

__all__ = [
    "CASE_STUDY_SECTIONS",
    "CaseStudyAttachment",
    "CaseStudyPage",
    "FindingAuthor",
    "FindingPage",
    "KnowledgeIndexPage",
    "OriginalLanguage",
    "SubmissionReviewTask",
]
