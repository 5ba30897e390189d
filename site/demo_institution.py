"""Starting text of the pages every institution running the platform needs.

The demo seeds them as ordinary pages that editors then change in the Wagtail admin: About,
Contact, Privacy notice, Terms of use, Accessibility statement and Licence. What they say about
the software (what is stored, who sees it, what deletion does) follows the code and
ROLES.md; what depends on the operator (backup schedule, how fast requests are answered)
is phrased as a commitment the operating institution should check and adjust.
"""

from __future__ import annotations


def h(text: str) -> tuple[str, str]:
    return ("heading", text)


def p(*paragraphs: str) -> tuple[str, str]:
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def ul(*items: str) -> tuple[str, str]:
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def about(urls: dict[str, str]) -> dict:
    return {
        "title": "About Policy Lab Commons",
        "summary": (
            "Why the platform exists and how labs, challenges and the network fit together."
        ),
        "body": [
            p(
                "Policy Lab Commons grew out of Pakistan's Smart Civil Service reform agenda, "
                "which asked the University of the Punjab to open public policy labs where "
                "students and policymakers tackle real governance problems side by side, and "
                "proposed a South Asian Governance Innovation Network so that countries in the "
                "region learn from each other's reforms.",
            ),
            h("How the platform works"),
            ul(
                "<b>Policy labs.</b> Universities across South Asia run labs that students and "
                "faculty join. A lab's page shows its mission, its leads and the work it has "
                "published.",
                "<b>Governance challenges.</b> Verified officials post briefs describing a "
                "problem their department faces. Lab teams answer with proposals; the officials "
                "choose one and work with the team.",
                "<b>Project spaces.</b> Each selected team works in a private space with "
                "discussions, tasks and files. Only the people invited into a space can see it.",
                "<b>The knowledge base.</b> Partners of the network publish case studies of "
                "reforms, and labs publish findings and policy briefs, under the licence each "
                "author chooses.",
            ),
            h("Who runs it"),
            p(
                "This site is run by the institution named in the footer, whose editors review "
                "challenge briefs, case studies and findings before they are published. The "
                "software is open source: any university or network may run its own copy.",
                f'Questions, corrections and partnership ideas are welcome through the <a href="{urls["contact"]}">contact page</a>.',
            ),
        ],
    }


def contact(urls: dict[str, str]) -> dict:
    return {
        "title": "Contact us",
        "summary": "Write to the editors who run this site.",
        "body": [
            p(
                "Use this form for questions about the platform, corrections to published "
                "content, partnership proposals and privacy requests. The site's editors "
                "receive your message by email and answer from their own address.",
                f'We keep your message and your address only to answer you; the <a href="{urls["privacy"]}">privacy notice</a> says how long.',
            ),
        ],
        "thank_you_text": (
            "<p>The site's editors will read your message and answer by email, usually within "
            "five working days.</p>"
        ),
        "fields": [
            ("Name", "singleline", True, ""),
            ("Email", "email", True, "We answer to this address."),
            ("Message", "multiline", True, ""),
        ],
    }


def privacy(urls: dict[str, str]) -> dict:
    return {
        "title": "Privacy notice",
        "summary": (
            "What this platform stores about students, faculty, officials and partners, who "
            "can see it, how long it is kept and how to have it deleted."
        ),
        "body": [
            p(
                "The institution that runs this site is responsible for the personal data it "
                "holds. We collect only what the platform needs to work, never sell it, and "
                "use no advertising or analytics trackers: the only cookies are the ones that "
                "keep you signed in and protect forms against forgery.",
            ),
            h("What we store"),
            ul(
                "<b>Your account:</b> your email address(es), your display name, a one-way "
                "hash of your password (never the password itself), whether you confirmed "
                "your address, and when you last signed in.",
                "<b>Your profile:</b> role (student, faculty, policymaker, partner "
                "representative), institution, country, expertise, languages, a short bio, "
                "your ORCID iD, and which of these you chose to show publicly.",
                "<b>Lab membership:</b> your requests to join labs, invitations, approvals and "
                "removals, with a log of who changed what and when.",
                "<b>Project spaces:</b> what you post (with its edit history and mentions), "
                "tasks, milestones, the files you upload (every version is kept), activity, "
                "and how you chose to be notified.",
                "<b>Submissions:</b> challenge briefs, questions and answers, proposals and "
                "their reviews and scores, requests for policymaker verification, case "
                "studies and their attachments, and the moderators' comments on them.",
                "<b>Emails:</b> messages the platform sends you wait in a queue in our "
                "database until they are delivered; a log of deliveries is kept for "
                "troubleshooting and trimmed regularly.",
                "<b>Messages to the editors:</b> what you send through the contact page, with "
                "the name and address you give.",
                "<b>Logs:</b> a record of actions on pages in the editors' admin (who "
                "published, approved or changed what), and, kept by our web server, the "
                "address, time and page of each request. Short-lived counters of failed "
                "sign-ins and form submissions per network address protect against abuse.",
            ),
            h("Who can see what"),
            ul(
                "<b>Everyone</b> can read published labs, challenges, case studies, findings, "
                "partners and events, and the parts of a person's profile that person chose "
                "to make public. A profile set to private cannot be found by anyone else.",
                "<b>Lab leads</b> see requests to join their own lab and manage its members; a "
                "lab page lists only the members who chose to be listed.",
                "<b>Project spaces</b> are private to their members. Not even the site's "
                "editors can read a space unless a member invites them. A cohort's lab leads "
                "see a space's progress (tasks and activity) but not its files or threads.",
                "<b>Proposals</b> are visible to the team that wrote them, the owners of the "
                "challenge, the reviewers they invited and the editors.",
                "<b>Submissions under review</b> (briefs, case studies, findings) are visible "
                "to the person who submitted them and to the editors until they are "
                "published.",
                "<b>System administrators</b> who maintain the servers can technically reach "
                "the database and backups; they do so only to keep the service running or "
                "when the law requires it.",
            ),
            p(
                "Nothing private appears in search results, feeds, the sitemap, the public API "
                "or emails to people outside the space or team concerned.",
            ),
            h("How long we keep it"),
            ul(
                "Your account and profile: until you delete your account.",
                "What you contributed to shared work (posts, proposals, published case studies "
                "and findings): as long as the work it belongs to, because others rely on it. "
                "After your account is deleted it is shown as written by a “Former member”.",
                "Messages to the editors: until the matter is closed, and at most one year.",
                "Email delivery logs and web server logs: a few weeks, then they are trimmed.",
                "Backups: they contain everything above and are overwritten on a rolling "
                "schedule, so deleted data leaves the backups when the last copy that held it "
                "is replaced.",
            ),
            h("Exporting or deleting your data"),
            p(
                f'You can delete your account yourself at any time from <a href="{urls["account_delete"]}">Delete your account</a> in your account settings. This removes your email addresses, your profile and your ability to sign in at once; your contributions to shared work stay, credited to a “Former member”.',
                f'To receive a copy of the personal data we hold about you, to correct something you cannot edit yourself, or to ask for a contribution to be removed, write to us through the <a href="{urls["contact"]}">contact page</a>. We answer within 30 days.',
            ),
            h("Privacy requests"),
            p(
                f'Send questions or complaints about how your data is handled through the <a href="{urls["contact"]}">contact page</a> and mention “privacy” in your message. If you are not satisfied with our answer you may also contact the data protection authority of your country.',
            ),
        ],
    }


def terms(urls: dict[str, str]) -> dict:
    return {
        "title": "Terms of use",
        "summary": "The rules for using this site and contributing to it.",
        "body": [
            p(
                "By creating an account or contributing content you accept these terms. "
                "Reading the public pages needs no account and no agreement.",
            ),
            h("Your account"),
            ul(
                "Use your real name and an email address you control; keep your password to "
                "yourself.",
                "Describe your role honestly. Policymaker status and partner representation "
                "are checked by the editors and may be withdrawn if they turn out to be wrong.",
                "You may delete your account at any time (see the "
                f'<a href="{urls["privacy"]}">privacy notice</a>).',
            ),
            h("Acceptable use"),
            ul(
                "Do not post anything unlawful, defamatory, harassing or discriminatory, nor "
                "anyone's personal data without their consent.",
                "Do not share documents a government department has not cleared for the "
                "audience you share them with. Project spaces are private, but they are not "
                "a place for classified material.",
                "Do not try to reach parts of the site you have not been given access to, or "
                "disrupt the service for others.",
            ),
            h("What you agree to when you contribute"),
            ul(
                "You confirm that you wrote what you submit, or have the right to share it, "
                "and that it does not infringe anyone else's rights.",
                "For case studies and findings you choose a licence when you submit (CC BY 4.0 "
                "unless you choose another). Once published, the item may be reused under that "
                f'licence; see the <a href="{urls["licence"]}">licence page</a>.',
                "Posts, questions, answers and proposals remain yours; you allow this site to "
                "store and show them to the people who may see them, and to keep them as part "
                "of the shared record after you leave.",
                "Editors may decline, ask for changes to, or remove contributions that break "
                "these terms.",
            ),
            h("No warranty"),
            p(
                "Case studies and findings describe their authors' experience and views, not "
                "those of the institution running the site. We review what is published but "
                "cannot guarantee it is complete or current; check the sources before relying "
                "on it. The service is provided as it is and may be interrupted for "
                "maintenance.",
            ),
            h("Changes to these terms"),
            p(
                "When these terms change, the new version is published here with its date. "
                f'Questions go through the <a href="{urls["contact"]}">contact page</a>.',
            ),
        ],
    }


def accessibility(urls: dict[str, str]) -> dict:
    return {
        "title": "Accessibility statement",
        "summary": ("How accessible this site is, what does not work well yet and how to tell us."),
        "body": [
            p(
                "We want everyone to be able to use this site: on a phone over a slow "
                "connection, with a keyboard only, with a screen reader or magnification, "
                "and with JavaScript switched off. Our target is the Web Content "
                "Accessibility Guidelines (WCAG) 2.2 at level AA.",
            ),
            h("How we check"),
            p(
                "The public pages were reviewed in December 2026 at desktop and phone widths "
                "with the axe-core checker, the Nu HTML checker, Lighthouse, with JavaScript "
                "switched off and with a keyboard only. Automated tests keep some of these "
                "checks running on every change.",
            ),
            h("Compliance status"),
            p(
                "The site partially meets WCAG 2.2 AA: every page type is checked on each "
                "change for valid HTML (Nu HTML checker), for serious or critical problems "
                "(axe-core), for sideways scrolling at phone width and for layout shift, and "
                "the knowledge base is tested with a keyboard only. The limitations below "
                "remain.",
            ),
            h("Known limitations"),
            ul(
                "Documents uploaded by partners and labs (mostly PDF) are not checked for "
                "accessibility and may lack headings or text alternatives. Ask us for an "
                "accessible version.",
                "The editors' administration screens are provided by the Wagtail content "
                "management system and follow its own accessibility work.",
                "Automated checkers find only part of the problems people meet; the site has "
                "not yet been tested with screen-reader users.",
                "Content is in English only for now.",
            ),
            p(
                "We are working on these and update this statement as each one is fixed.",
            ),
            h("Reporting a problem"),
            p(
                f'If something on this site is hard or impossible for you to use, tell us through the <a href="{urls["contact"]}">contact page</a>: say which page and what went wrong. We reply within five working days and, where we can, send the content in a form that works for you in the meantime.',
            ),
        ],
    }


def licence(urls: dict[str, str]) -> dict:
    return {
        "title": "Licence",
        "summary": "How the content and the software of this site may be reused.",
        "body": [
            h("Case studies and findings"),
            p(
                "Each case study and finding carries its own licence, chosen by the partner or "
                "lab that contributed it and shown on its page, in its citations and in the "
                "public API. New contributions are published under the Creative Commons "
                'Attribution 4.0 licence (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>) unless their authors choose another: CC BY-SA 4.0, CC BY-NC 4.0, CC BY-NC-SA 4.0, CC0 (public domain), or all rights reserved.',
                "Items published before contributors were asked to choose show “No licence "
                "specified”: their authors shared them under their own terms. Quote them with "
                "a citation, and ask the authors before reusing more.",
            ),
            h("How to credit"),
            p(
                "Each item's page shows a ready-made credit line: its title, its authors, its "
                "address and its licence. Keep the credit line with any copy or adaptation, and "
                "say what you changed.",
            ),
            h("The rest of the site"),
            p(
                "The text of the site's own pages (such as this one) may be reused under CC BY "
                "4.0, crediting “Policy Lab Commons”. Profiles, discussions and proposals "
                "belong to the people who wrote them and are not covered by this licence. "
                "Logos and photographs belong to their owners.",
                "The software that runs the site is free software under the GNU Affero General "
                "Public License, version 3 or later.",
            ),
            h("What contributors agree to"),
            p(
                "By choosing a licence, contributors confirm they have the right to grant it "
                f'for everything they submit (see the <a href="{urls["terms"]}">terms of use</a>).',
            ),
        ],
    }


#: slug -> builder, in footer order.
PAGES = {
    "about": about,
    "contact": contact,
    "privacy": privacy,
    "terms": terms,
    "accessibility": accessibility,
    "licence": licence,
}
