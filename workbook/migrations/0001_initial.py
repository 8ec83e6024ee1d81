# The WorkbookImport model moved here from the reports app: its table and rows are
# kept (the state is taken over, then the table renamed to this app's name).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agencies', '0001_initial'),
        ('reports', '0006_pdf_build'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='WorkbookImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='tahun')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='waktu')),
                        ('filename', models.CharField(max_length=255, verbose_name='nama berkas')),
                        ('replace', models.BooleanField(default=False, verbose_name='mode ganti')),
                        ('succeeded', models.BooleanField(default=False, verbose_name='berhasil')),
                        ('errors', models.JSONField(default=list, verbose_name='galat')),
                        ('notes', models.JSONField(default=list, verbose_name='catatan')),
                        ('annotated', models.BinaryField(blank=True, null=True, verbose_name='salinan bertanda')),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='workbook_imports', to='agencies.agency')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'impor workbook',
                        'verbose_name_plural': 'impor workbook',
                        'ordering': ['-created_at'],
                        'db_table': 'reports_workbookimport',
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='workbookimport', table=None),
    ]
