"""REST endpoints of a village's map layers: list, import (multipart upload of a GeoJSON, KML,
CSV, GeoPackage or zipped Shapefile), one layer as GeoJSON, removal."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.errors import DomainError
from tridaya.core.geo.formats import format_of
from tridaya.core.policy import authorize
from tridaya.core.uploads import kinds
from tridaya.core.uploads.checks import check_gis_upload
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.mapping import pages
from tridaya.mapping.api.problems import FeatureCollectionOutput, inline_choice
from tridaya.mapping.models import Layer, LayerKind
from tridaya.mapping.policy import MANAGE_LAYERS, VIEW_MAP
from tridaya.mapping.selectors import layers as sel
from tridaya.mapping.services import layers as services


class LayerOutput(serializers.ModelSerializer):
    # Plain text here (the values are those of LayerImportInput.kind): one enum component only.
    kind = serializers.CharField(help_text=", ".join(LayerKind.values))

    class Meta:
        model = Layer
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "feature_count",
            "source_name",
            "source_crs",
            "updated_at",
        ]


class LayerImportInput(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    kind = inline_choice(LayerKind)
    file = UploadSerializerField(accept=kinds.GIS, group="gis")
    crs = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="EPSG, mis. 32750 (UTM 50S)"
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_file(self, upload):
        try:
            check_gis_upload(upload, fmt=format_of(upload.name))
        except DomainError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return upload


class LayersAPI(APIView):
    """GET: the village's layers (public). POST: import a file as a layer; a layer with the
    same name has its features replaced (those who manage layers)."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(operation_id="villages_layers_list", responses=LayerOutput(many=True))
    def get(self, request, code: str):
        village = pages.village_or_404(code)
        authorize(request.user, VIEW_MAP, village)
        return Response(LayerOutput(sel.layers_of(village), many=True).data)

    @extend_schema(
        request={"multipart/form-data": LayerImportInput},
        responses={200: LayerOutput, 201: LayerOutput},
    )
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = pages.village_or_404(code)
        authorize(request.user, MANAGE_LAYERS, village)
        data = LayerImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        upload = values["file"]
        result = services.layer_import(
            actor=request.user,
            village=village,
            name=values["name"],
            kind=values["kind"],
            data=upload.read(),
            file_name=upload.name,
            crs=values.get("crs"),
            description=values.get("description", ""),
        )
        code_status = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(LayerOutput(result.layer).data, status=code_status)


class LayerAPI(APIView):
    """GET: one layer as a GeoJSON FeatureCollection with its attributes. DELETE: remove it."""

    @extend_schema(operation_id="villages_layer_retrieve", responses=FeatureCollectionOutput)
    def get(self, request, code: str, pk: int):
        village = pages.village_or_404(code)
        layer = pages.layer_or_404(village, pk)
        authorize(request.user, VIEW_MAP, layer)
        return Response(sel.layer_collection(layer))

    @extend_schema(responses={204: None})
    def delete(self, request, code: str, pk: int):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = pages.village_or_404(code)
        layer = pages.layer_or_404(village, pk)
        services.layer_delete(actor=request.user, layer=layer)
        return Response(status=status.HTTP_204_NO_CONTENT)
