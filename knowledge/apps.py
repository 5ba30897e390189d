from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    label = "knowledge"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from core.dashboard import register_dashboard_panel
        from core.moderation import register_moderated_model

        from .models import CaseStudyPage
        from .signals import case_study_published, case_study_unpublished
        from .views import dashboard_panel

        register_dashboard_panel(dashboard_panel)
        register_moderated_model(CaseStudyPage, email_template="knowledge/emails/case_study")
        page_published.connect(
            case_study_published, sender=CaseStudyPage, dispatch_uid="knowledge.published"
        )
        page_unpublished.connect(
            case_study_unpublished, sender=CaseStudyPage, dispatch_uid="knowledge.unpublished"
        )
