# WorkbookImport now belongs to the workbook app, which took over its table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0006_pdf_build'),
        ('workbook', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name='WorkbookImport')]),
    ]
