"""Models of the knowledge base: case studies, findings and policy briefs."""

from .moderation import SubmissionReviewTask
from .pages import (
    CASE_STUDY_SECTIONS,
    CaseStudyAttachment,
    CaseStudyPage,
    FindingAuthor,
    FindingPage,
    KnowledgeIndexPage,
    OriginalLanguage,
)

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
