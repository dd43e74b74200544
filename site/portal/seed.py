"""The Wagtail site and its home page."""

from wagtail.models import Page, Site

from portal.models import HomePage

SITE_NAME = "Hỗ trợ chuyển đổi số cấp xã"


def seed(stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=SITE_NAME,
                slug="trang-chu",
                intro=(
                    "<p>Nơi cán bộ xã, phường học cách vận hành các hệ thống công nghệ thông tin của "
                    "tỉnh: từng bước, trên màn hình giống thật, có người hỗ trợ khi gặp khó.</p>"
                ),
            )
        )
        stdout.write("Created the home page.")
    # Wagtail's initial migration makes a "Welcome" page and a default site pointing at it.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name=SITE_NAME)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
    Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).delete()
