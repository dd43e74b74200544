"""Links from the Wagtail admin (where administrators land) to the people pages, which serve
department heads and administrators alike and scope everything through ``people.permissions``."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from people.permissions import can_manage_officials


class ManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_officials(request.user)


@hooks.register("register_admin_menu_item")
def register_people_menu():
    return SubmenuMenuItem(
        _("Cán bộ và xã/phường"),
        Menu(
            items=[
                ManagerMenuItem(
                    _("Cán bộ"), reverse_lazy("people:official_list"), icon_name="group", order=1
                ),
                ManagerMenuItem(
                    _("Xã/phường"), reverse_lazy("people:commune_list"), icon_name="site", order=2
                ),
                ManagerMenuItem(
                    _("Nhập danh sách cán bộ"), reverse_lazy("people:import"), icon_name="upload", order=3
                ),
            ]
        ),
        icon_name="group",
        order=250,
    )
