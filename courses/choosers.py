"""The commune chooser of the assignment panel: a searchable modal instead of a drop-down of 3,321
communes, listing only the communes the editor may see (a trainer: their own province)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from courses.search import fold
from people.models import Commune
from people.permissions import communes_visible_to


class CommuneFilterForm(BaseFilterForm):
    """Search by name (with or without diacritics) or by official code."""

    q = forms.CharField(
        label=_("Tìm xã, phường"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tên hoặc mã; gõ không dấu cũng được")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            # vietnam-provinces codenames are the folded names joined by "_": "phuong_kinh_bac".
            codename = "_".join(fold(query).split())
            matches = Q(name__icontains=query) | Q(codename__contains=codename) | Q(code=query)
            objects = objects.filter(matches)
            self.is_searching, self.search_query = True, query
        return objects


class _VisibleCommunes:
    filter_form_class = CommuneFilterForm

    def get_object_list(self):
        return communes_visible_to(self.request.user).select_related("province")


class CommuneChooseView(_VisibleCommunes, ChooseView):
    pass


class CommuneChooseResultsView(_VisibleCommunes, ChooseResultsView):
    pass


class CommuneChooserViewSet(ChooserViewSet):
    model = Commune
    icon = "site"
    choose_one_text = _("Chọn xã/phường")
    choose_another_text = _("Chọn xã/phường khác")
    page_title = _("Chọn xã/phường")
    choose_view_class = CommuneChooseView
    choose_results_view_class = CommuneChooseResultsView
    per_page = 20
    # Only the assignment panel uses it; other apps' forms keep their own widgets.
    register_widget = False


commune_chooser_viewset = CommuneChooserViewSet("courses_commune_chooser", url_prefix="courses/communes")
