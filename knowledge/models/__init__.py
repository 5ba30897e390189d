"""Models of the knowledge base: case studies, findings and policy briefs."""

from .moderation import SubmissionReviewTask
from .pages import (
    CaseStudyAttachment,
    CaseStudyPage,
    FindingAuthor,
    FindingPage,
    KnowledgeIndexPage,
    OriginalLanguage,
)

__all__ = [
    "CaseStudyAttachment",
    "CaseStudyPage",
    "FindingAuthor",
    "FindingPage",
    "KnowledgeIndexPage",
    "OriginalLanguage",
    "SubmissionReviewTask",
]
