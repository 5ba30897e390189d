from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    label = "knowledge"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from core.dashboard import register_dashboard_panel
        from core.moderation import register_moderated_model
        from network.contributions import (
            register_counted_content,
            register_country_browse_url,
            register_partner_list,
        )

        from . import selectors
        from .contexts import dashboard_panel
        from .models import CaseStudyPage
        from .signals import case_study_published, case_study_unpublished

        register_dashboard_panel(dashboard_panel)
        register_moderated_model(CaseStudyPage, email_template="knowledge/emails/case_study")
        page_published.connect(
            case_study_published, sender=CaseStudyPage, dispatch_uid="knowledge.published"
        )
        page_unpublished.connect(
            case_study_unpublished, sender=CaseStudyPage, dispatch_uid="knowledge.unpublished"
        )
        register_counted_content(
            name="case_studies",
            published=selectors.published_case_studies,
            countries_field="countries",
        )
        register_partner_list(
            context_name="partner_case_studies",
            page_param="cases",
            pages_of=selectors.case_studies_of_partner,
        )
        register_partner_list(
            context_name="partner_findings",
            page_param="findings",
            pages_of=selectors.findings_of_partner,
        )
        register_country_browse_url(selectors.knowledge_url_for_country)
